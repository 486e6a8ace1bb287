"""Delivery channels, one module each. Every module has NAME and
send(*, alert, recipient, policy), and raises on failure; the delivery
service records the outcome. Channels that address a person take a
recipient; the webhook addresses the clinic and gets recipient=None."""

from . import email, in_app, webhook

BY_NAME = {module.NAME: module for module in (in_app, email, webhook)}
