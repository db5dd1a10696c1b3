"""The columnar vendor store: numpy columns, sparse skill and text rows, small vocabularies
and per-group tables, kept up to date as vendors are added, replaced and removed."""
