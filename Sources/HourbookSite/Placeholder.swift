// HourbookSite: filled in by its issue.
