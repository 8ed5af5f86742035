"""What hosting the built site needs: the Content-Security-Policy for nginx and precompressed files."""
