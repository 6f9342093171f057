package org.consensusledger.command.console;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import org.consensusledger.command.account.AccountList;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.Directory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.List;

/**
 * The secretariat's accounts: a delegate account for an organisation, or another secretariat account, whose token
 * the page shows once (the ledger keeps only its hash); when each token expires, and its renewal (a new token, shown
 * once, the old one working for the change-over period); and revocation, which stops a token at once.
 */
@Controller
@Hidden
class AccountScreens {

    private final AccountList accounts;
    private final ConsoleIndex index;
    private final Directory directory;

    AccountScreens(AccountList accounts, ConsoleIndex index, Directory directory) {
        this.accounts = accounts;
        this.index = index;
        this.directory = directory;
    }

    record AccountItem(String accountId, String label, boolean secretariat, String organisation, String createdAt,
                       String revokedAt, boolean self, String tokenExpiresAt, boolean expired) {
    }

    record OrganisationItem(String organisationId, String name) {
    }

    @GetMapping("/console/accounts")
    String accounts(Actor actor, Model model, HttpServletResponse response) {
        if (!actor.secretariat()) {
            return Screens.forbidden(response, model, "screens.forbidden.secretariat", null);
        }
        List<AccountItem> items = accounts.all().stream()
                .map(account -> new AccountItem(account.accountId(), account.label(), account.secretariat(),
                                                Screens.name(directory, account.organisationId()),
                                                Screens.when(account.createdAt()),
                                                account.revoked() ? Screens.when(account.revokedAt()) : null,
                                                account.accountId().equals(actor.accountId()),
                                                Screens.when(account.tokenExpiresAt()), account.expired()))
                .toList();
        model.addAttribute("accounts", items);
        model.addAttribute("organisations", index.organisations().stream()
                                                 .map(entry -> new OrganisationItem(entry.id(), entry.title()))
                                                 .toList());
        return "console/accounts";
    }
}
