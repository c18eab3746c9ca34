// HourbookDemo: filled in by its issue.
