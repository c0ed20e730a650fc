"""The REST API's shared parts: fields, errors, pagination, conditional requests, base viewset."""
