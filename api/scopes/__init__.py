"""The scope of work: what a business needs, by when, for how much, and how to work
together. Project requests store one; matchVendors ranks vendors for one.
"""
