// Docker's health check of the mongo service (run by mongosh inside the container). It authenticates as the root
// user from the container's environment (never on a command line, where `ps` would show the password), initialises
// the single-node replica set on first start, and succeeds once this node is the primary.
db.getSiblingDB('admin').auth(process.env.MONGO_INITDB_ROOT_USERNAME, process.env.MONGO_INITDB_ROOT_PASSWORD);
try {
    rs.status();
} catch (notInitialised) {
    rs.initiate({_id: 'rs0', members: [{_id: 0, host: 'mongo:27017'}]});
}
quit(db.hello().isWritablePrimary ? 0 : 1);
