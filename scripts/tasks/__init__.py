"""Task progress of the leaders: extraction from a report appendix, data files, pages."""
