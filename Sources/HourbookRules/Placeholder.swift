// HourbookRules: filled in by its issue.
