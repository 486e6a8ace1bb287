# Component catalog, templates and plans arrive with the protocol issue.
