"""Resolution indicators: extraction from reports, data files, tables and charts."""
