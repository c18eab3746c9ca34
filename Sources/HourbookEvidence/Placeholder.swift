// HourbookEvidence: filled in by its issue.
