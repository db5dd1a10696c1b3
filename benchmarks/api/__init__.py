"""`vendormatch bench api`: the API's throughput and latency per operation, against a bare
endpoint running the same SQL, in one run.

    vendormatch bench api                                  # SQLite, 1,000 vendors
    vendormatch bench api --database postgresql --vendors 100000
    vendormatch bench api --database-url postgresql://postgres@127.0.0.1:5432/my_demo_copy \\
        --ops vendors_page --peer postgraphile=http://127.0.0.1:5678/graphql \\
        --peer-query benchmarks/peers/postgraphile.graphql

A run starts `vendormatch serve` (one worker, rate limits off) on a fresh database: a
SQLite file in a temporary directory, or a PostgreSQL database created on
`--postgres-url` and dropped afterwards (`--keep-database` keeps it). It loads
`--vendors` generated vendors (benchmarks/vendor_file.py) through `vendormatch seed
--file`, timed, then (`--history`) the demo's hiring history of one business onto the
oldest of them, so 40 have reviews and ratings are not all empty. With
`--database-url` it uses that database as it is (nothing created, loaded or dropped, but
`serve` migrates it to the head, and the mutation writes to it: use a copy, never a
database to keep as it is).

Operations (`--ops`, in order): `vendors_page` (the first 20 vendors with country, rates,
rating and expertise), `vendor_by_id` (the same fields, over 200 ids in turn),
`match_vendors` (a five-skill scope, first 10 with score and factors) and `update_vendor`
(eight vendor accounts, registered through the API, each editing its own profile's
headline). For each, the SQL one request sends is captured in this process (the app built
with `api.app.create_app` over the same database, driven through httpx's ASGI transport)
and replayed by a plain Starlette app (`benchmarks/api/bare.py`) under uvicorn with the
server's settings. The same client (`client.py`: raw asyncio streams, keep-alive,
`--connections` connections) measures the server and the bare endpoint in alternating
rounds for `--seconds` each, after `--warmup` seconds; every response must be a 200
without errors. SQL statements per request come from the server's
`vendormatch_sql_statements_total` (read off /metrics around each measured round). A
replayed write repeats the captured values, so a version-guarded UPDATE matches no row
after its first replay: the bare `update_vendor` is a floor, not a twin.

Each operation prints one line:

    RESULT op=vendors_page db=sqlite vendors=1000 req_s=... p50_ms=... p99_ms=...
        p99_over_p50=... sql_per_req=... bare_req_s=... bare_p50_ms=... bare_sql=...
        ratio=...

`ratio` is our req/s over the bare endpoint's; `bare_sql` the statements it replays.
`match_vendors` adds `p50_1conn_ms` (our p50 over one connection, after the rounds),
`library_p50_ms` (MatchIndex.match for the same scope over the same vendors, its index
built in this process through the API's IndexCache) and `http_over_library` (the first
over the second: one call against one call, where under 8 connections a lone worker's
p50 is mostly queueing). Each `--peer NAME=URL` is measured with the
`--peer-query` document on the vendors page in the same rounds and prints a line with its
req/s, p50, p99 and `ours_over_peer`. Not part of the test suite.
"""
