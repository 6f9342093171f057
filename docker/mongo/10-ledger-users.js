// Run once, on the first start of an empty data volume, by the mongo image's entrypoint (docker-entrypoint-initdb.d),
// after it created the root user. Creates one user per application, each with only the roles it needs, in the
// ledger's database (so the applications' connection strings authenticate against it without an authSource).
//
// Who writes which collection is docs/architecture.md, "Who owns which collection"; the writes themselves are in the
// query side's code (grep for insert/update/replace/delete/bulkWrite/drop/createIndex under query-side/src/main):
// - the command side owns the event log and the accounts: readWrite on the whole database;
// - the query side reads everything and writes only its own collections; on the event log (event_commits,
//   event_snapshots, event_log_meta) and on accounts, idempotency_keys, minutes_to_seal and console_index it may
//   only read: no insert, update, remove, index or drop.
const ledger = db.getSiblingDB(process.env.LEDGER_DATABASE || 'consensus-ledger');
const name = ledger.getName();

// What the query side does to each of its collections, and nothing more.
const readModels = ['public_proposals', 'public_bodies', 'public_body_proposals', 'public_organisations',
                    'public_meetings', 'public_latest_decisions'];
const privileges = [
    // The read models: written by the projections, emptied (dropped) and indexed again by a replay.
    ...readModels.map(collection => ({
        resource: {db: name, collection: collection},
        actions: ['find', 'insert', 'update', 'remove', 'createCollection', 'createIndex', 'dropCollection']
    })),
    // Axon's tokens (the query side's processors' positions; the collection is shared with the command side's two
    // processors, whose rows the query side's token store never writes), indexed by the token store at start.
    {
        resource: {db: name, collection: 'trackingtokens'},
        actions: ['find', 'insert', 'update', 'remove', 'createCollection', 'createIndex']
    },
    // Its own state: the read models' shape, a stopped processor, the instances' heartbeats, the Merkle tree's size.
    ...['read_model_shape', 'projection_stops', 'query_side_instances', 'merkle_state'].map(collection => ({
        resource: {db: name, collection: collection},
        actions: ['find', 'insert', 'update', 'remove', 'createCollection']
    })),
    // Append-only: the Merkle tree's nodes and the signed checkpoints are inserted, never changed or removed.
    ...['merkle_nodes', 'log_checkpoints'].map(collection => ({
        resource: {db: name, collection: collection},
        actions: ['find', 'insert', 'createCollection']
    }))
];

ledger.createRole({
    role: 'ledgerQuerySide',
    privileges: privileges,
    // Reads every collection of the ledger's database (the event log and accounts included).
    roles: [{role: 'read', db: name}]
});

ledger.createUser({
    user: 'ledger-command-side',
    pwd: process.env.COMMAND_SIDE_DB_PASSWORD,
    roles: [{role: 'readWrite', db: name}]
});

ledger.createUser({
    user: 'ledger-query-side',
    pwd: process.env.QUERY_SIDE_DB_PASSWORD,
    roles: [{role: 'ledgerQuerySide', db: name}]
});

print('Created the users ledger-command-side (readWrite) and ledger-query-side (ledgerQuerySide) in ' + name);
