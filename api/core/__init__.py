"""Infrastructure every domain stands on: settings, database, clock, errors, runtime.

Nothing here imports a domain package or GraphQL.
"""
