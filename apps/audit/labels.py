"""What each access-trail event is called on a page: the trail admins
search, and the patient's own "who looked at my diary". The codes are stored;
people read these words. tests/audit/test_action_labels.py fails when code
records an event that has no words here."""

ACTION_LABELS = {
    "break_glass": "Emergency access (break-glass)",
    "download_everything": "Downloaded a copy of all their data",
    "download_export": "Downloaded an export",
    "export_crisis_examples": "Downloaded the clinic's crisis-language examples",
    "download_session_brief": "Downloaded the session brief (PDF)",
    "download_trial_result": "Downloaded the blinded trial's result (PDF)",
    "download_trial_sheet": "Downloaded the blinded trial's preparer's sheet (PDF)",
    "export_csv": "Made a spreadsheet export (CSV)",
    "export_fhir": "Made a health-record export (FHIR)",
    "plan_override": "Continued a plan despite a screening flag",
    "plan_review": "Reviewed a plan after its screening changed",
    "view_alert": "Opened an alert",
    "view_care_team": "Viewed the care team",
    "view_caseload": "Viewed the caseload",
    "view_crisis_examples": "Viewed the clinic's crisis-language examples",
    "view_exports": "Viewed the exports",
    "view_health_profile": "Viewed the health profile",
    "view_patient": "Opened the patient's page",
    "view_plan": "Viewed the plan",
    "view_plan_assign": "Opened the plan form",
    "view_questionnaires": "Viewed the questionnaires",
    "view_risk_settings": "Viewed the alert thresholds",
    "view_safety_plan": "Viewed the safety plan",
    "view_session_brief": "Viewed the session brief",
    "view_sessions": "Viewed the session notes",
    "view_timeline": "Viewed the timeline",
    "view_trial": "Viewed the blinded trial",
    "view_trial_result": "Viewed the blinded trial's result",
    "view_trial_set_up": "Opened the blinded trial's set-up form",
    "view_trial_sheet": "Viewed the blinded trial's preparer's sheet",
    "trial_unblind": "Unblinded the blinded trial early",
}


def action_label(code: str) -> str:
    """The words for an event; an unknown code (an event recorded by an older
    or newer version) still reads as words, never as a code."""
    return ACTION_LABELS.get(code) or code.replace("_", " ").strip().capitalize() or "Access"
