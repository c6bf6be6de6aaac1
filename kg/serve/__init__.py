"""`pension-kg serve`: the SPARQL endpoint, its pages, and the worker processes that answer queries.

The package is empty on purpose: a query worker imports `kg.serve.worker` alone, without the web
framework of `kg.serve.app`.
"""
