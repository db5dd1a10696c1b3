// PostGraphile 5 over a vendormatch database: the peer that `vendors(first: 20)` is
// measured against (issue 10). Not part of the project: it runs with the Node.js and
// the packages that setup-postgraphile.sh installed into PEER_DIR.
//
//   DATABASE_URL=postgresql://... NODE_ENV=production \
//     PEER_DIR/node_modules/.bin/node benchmarks/peers/postgraphile.mjs PEER_DIR PORT
//
// It serves PostGraphile's own schema (the amber preset) over the `public` schema of a
// database that `vendormatch serve` has migrated, plus what no column holds as our page
// shows it: a `rating` object (average, count, Bayesian average) and a RATING order,
// plain SQL over the vendor's own row inlined into PostGraphile's one statement.
// Nothing is added to the database.
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";

const [peerDir, port] = process.argv.slice(2);
if (!peerDir || !port || !process.env.DATABASE_URL) {
  console.error("usage: DATABASE_URL=postgresql://... node postgraphile.mjs PEER_DIR PORT");
  process.exit(2);
}
// Resolve PostGraphile from where it was installed, not from the repository.
const require = createRequire(join(resolve(peerDir), "package.json"));
const { postgraphile } = require("postgraphile");
const { PostGraphileAmberPreset } = require("postgraphile/presets/amber");
const { makePgService } = require("postgraphile/adaptors/pg");
const { grafserv } = require("postgraphile/grafserv/node");
const { addPgTableOrderBy, extendSchema, orderByAscDesc } = require("postgraphile/utils");
const { sql } = require("postgraphile/pg-sql2");
const { TYPES } = require("postgraphile/@dataplan/pg");

// Scores as our server shows them: two decimals, halves up (round() on numeric does
// that). The Bayesian average is stored per vendor as the key our RATING order reads
// through an index: `rating_lift`, the average less the published prior's mean (which is
// added back from `rating_prior`, in the same statement), or, on a database from before
// the lift, `rating_score`, the average itself. The peer reads whichever the database has.
const twoPlaces = (fragment) => sql.fragment`round(${fragment}, 2)`;
const DEFAULT_PRIOR_MEAN = sql.literal("3.5");
const publishedMean = sql.fragment`coalesce((
  select p.mean from public.rating_prior p where p.id = 1
), ${DEFAULT_PRIOR_MEAN})`;
const ratingKey = (codec) => ("rating_lift" in codec.attributes ? "rating_lift" : "rating_score");
const bayesianAverage = (codec, row) =>
  ratingKey(codec) === "rating_lift"
    ? sql.fragment`${publishedMean} + ${row}.rating_lift::numeric`
    : sql.fragment`${row}.rating_score::numeric`;

const RatingPlugin = extendSchema(() => ({
  typeDefs: /* GraphQL */ `
    type VendorRating {
      "Mean overall score (1-5); null before the first review."
      average: BigFloat
      count: Int!
      "Average pulled towards the marketplace mean, so few reviews count less."
      bayesianAverage: BigFloat!
    }
    extend type Vendor {
      rating: VendorRating!
    }
  `,
  objects: {
    Vendor: {
      plans: {
        // The rating reads the vendor's own row: the same step, no join.
        rating: ($vendor) => $vendor,
      },
    },
    VendorRating: {
      plans: {
        average($vendor) {
          const row = $vendor.getClassStep().alias;
          const mean = sql.fragment`${row}.rating_sum / nullif(${row}.review_count, 0)`;
          return $vendor.select(twoPlaces(mean), TYPES.numeric);
        },
        count: ($vendor) => $vendor.get("review_count"),
        bayesianAverage($vendor) {
          const row = $vendor.getClassStep().alias;
          const average = bayesianAverage($vendor.resource.codec, row);
          return $vendor.select(twoPlaces(average), TYPES.numeric);
        },
      },
    },
  },
}));

// RATING_DESC / RATING_ASC: by the stored key's column (ix_vendor_rating_order serves
// RATING_DESC with PRIMARY_KEY_ASC, our page's (key desc, id asc)). PostGraphile appends
// no tie-breaker to a non-unique order, so the query names PRIMARY_KEY_ASC.
const RatingOrderPlugin = addPgTableOrderBy(
  { schemaName: "public", tableName: "vendor" },
  (build) => orderByAscDesc("RATING", ratingKey(build.input.pgRegistry.pgResources.vendor.codec)),
);

const preset = {
  extends: [PostGraphileAmberPreset],
  plugins: [RatingPlugin, RatingOrderPlugin],
  // Let unindexed columns order a relation (expertise by years, as our page orders it);
  // by default PostGraphile 5 offers orders on indexed columns only.
  disablePlugins: ["PgIndexBehaviorsPlugin"],
  pgServices: [makePgService({ connectionString: process.env.DATABASE_URL, schemas: ["public"] })],
  grafserv: { port: Number(port), graphiql: false, watch: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
server.once("listening", () => console.log(`PostGraphile on http://127.0.0.1:${port}/graphql`));
await serv.addTo(server);
server.listen(Number(port), "127.0.0.1");

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    server.close();
    await pgl.release();
    process.exit(0);
  });
}
