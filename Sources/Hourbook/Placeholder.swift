// Hourbook: filled in by its issue.
