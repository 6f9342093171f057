package org.consensusledger.command.account;

import org.springframework.context.ApplicationContext;

/** Accounts for HTTP tests, created the way the application creates them; returns their tokens. */
public final class TestAccounts {

    private TestAccounts() {
    }

    public static String secretariat(ApplicationContext context) {
        return context.getBean(AccountStore.class).create(AccountKind.SECRETARIAT, null, "test secretariat", null)
                      .token();
    }

    public static String delegateOf(ApplicationContext context, String organisationId) {
        return context.getBean(AccountStore.class)
                      .create(AccountKind.DELEGATE, organisationId, "test delegate", null).token();
    }
}
