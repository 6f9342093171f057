package org.consensusledger.query;

import org.consensusledger.eventlog.testing.LedgerApplicationContract;

class QuerySideApplicationTest extends LedgerApplicationContract {

    @Override
    protected Class<?> application() {
        return QuerySideApplication.class;
    }
}
