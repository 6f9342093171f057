package org.consensusledger.command;

import org.consensusledger.eventlog.testing.LedgerApplicationContract;

class CommandSideApplicationTest extends LedgerApplicationContract {

    @Override
    protected Class<?> application() {
        return CommandSideApplication.class;
    }
}
