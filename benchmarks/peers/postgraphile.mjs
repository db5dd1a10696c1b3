// PostGraphile 5 over a vendormatch database: the peer that `vendors(first: 20)` is
// measured against (issue 10). Not part of the project: it runs with the Node.js and
// the packages that setup-postgraphile.sh installed into PEER_DIR.
//
//   DATABASE_URL=postgresql://... NODE_ENV=production \
//     PEER_DIR/node_modules/.bin/node benchmarks/peers/postgraphile.mjs PEER_DIR PORT
//
// It serves PostGraphile's own schema (the amber preset) over the `public` schema of a
// database that `vendormatch serve` has migrated, plus one thing no column holds as
// our page shows it: a `rating` object (average, count, Bayesian average), read from
// the vendor's own row by plain SQL inlined into PostGraphile's one statement. Nothing
// is added to the database.
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
const { extendSchema } = require("postgraphile/utils");
const { sql } = require("postgraphile/pg-sql2");
const { TYPES } = require("postgraphile/@dataplan/pg");

// Scores as our server shows them: two decimals, halves up (round() on numeric does
// that). The Bayesian average is the stored rating_score (migration 0011), the key our
// RATING order sorts by; the query orders by that column too (RATING_SCORE_DESC).
const twoPlaces = (fragment) => sql.fragment`round(${fragment}, 2)`;

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
          return $vendor.select(twoPlaces(sql.fragment`${row}.rating_score::numeric`), TYPES.numeric);
        },
      },
    },
  },
}));

const preset = {
  extends: [PostGraphileAmberPreset],
  plugins: [RatingPlugin],
  // Let unindexed columns order a relation (expertise by years, as our page orders it);
  // by default PostGraphile 5 offers orders on indexed columns only.
  disablePlugins: ["PgIndexBehaviorsPlugin"],
  pgServices: [
    makePgService({ connectionString: process.env.DATABASE_URL, schemas: ["public"] }),
  ],
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
