"""The JSON shapes of the answers, shared by the HTTP API and the command line; no Flask here."""
