"""Project code: the bulletin importer and the Vietnamese text rules it shares with the site."""
