"""Reports (báo cáo): the year-end report's page and, from its appendix, the indicator data file."""
