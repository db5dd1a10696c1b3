"""GraphQL plumbing shared by every domain: context, HTTP view, pagination, ids,
user errors, DataLoader base classes and the request limits. No domain lives here.
"""
