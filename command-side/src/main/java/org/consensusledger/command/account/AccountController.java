package org.consensusledger.command.account;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.Directory;
import org.consensusledger.command.shared.NotAllowed;
import org.consensusledger.command.shared.RuleViolation;
import org.consensusledger.command.shared.UnknownReference;
import org.consensusledger.command.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;

@RestController
@RequestMapping("/api/accounts")
@Tag(name = "Accounts", description = "Tokens for delegates and the secretariat (secretariat only)")
class AccountController {

    private final AccountStore accounts;
    private final Directory directory;

    AccountController(AccountStore accounts, Directory directory) {
        this.accounts = accounts;
        this.directory = directory;
    }

    record CreateAccountRequest(@NotNull AccountKind kind,
                                @Size(max = 100) String organisationId,
                                @NotBlank @Size(max = 200) String label) {
    }

    record AccountResponse(String accountId, AccountKind kind, String organisationId, String label,
                           Instant createdAt, Instant revokedAt, String token) {

        static AccountResponse of(Account account, String token) {
            return new AccountResponse(account.accountId(), account.kind(), account.organisationId(),
                                       account.label(), account.createdAt(), account.revokedAt(), token);
        }
    }

    @PostMapping
    @Operation(summary = "Create a delegate account (bound to an organisation) or another secretariat account",
               description = "Returns the new token once; the ledger keeps only its hash. Sent again with the same "
                       + "Idempotency-Key (a retry after a lost answer), it creates no second account: the account "
                       + "that key created gets a new token, returned the same way, and the first token stops "
                       + "working (nobody saw it). The same key for a different request is refused (422).")
    ResponseEntity<?> create(@Valid @RequestBody CreateAccountRequest request, Actor actor,
                                           @RequestHeader(value = "Idempotency-Key", required = false)
                                           String idempotencyKey) {
        requireSecretariat(actor);
        if (request.kind() == AccountKind.DELEGATE) {
            if (request.organisationId() == null || request.organisationId().isBlank()) {
                throw new RuleViolation("delegate-needs-organisation",
                                        "A delegate account acts for an organisation: organisationId is required");
            }
            directory.requireOrganisation(request.organisationId());
        } else if (request.organisationId() != null) {
            throw new RuleViolation("secretariat-has-no-organisation",
                                    "A secretariat account acts for no organisation: leave organisationId out");
        }
        AccountStore.Issued issued;
        try {
            issued = accounts.create(request.kind(), request.organisationId(), request.label(), actor.accountId(),
                                     idempotencyKey);
        } catch (AccountStore.KeyReused e) {
            return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                                 .body(Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                                                   "Idempotency-Key reused", e.getMessage()
                                                           + "; use a new key for a new request"));
        }
        return ResponseEntity.created(URI.create("/api/accounts/" + issued.account().accountId()))
                             .body(AccountResponse.of(issued.account(), issued.token()));
    }

    @GetMapping("/me")
    @Operation(summary = "The account of the token sent")
    AccountResponse me(Actor actor) {
        return AccountResponse.of(accounts.byId(actor.accountId()).orElseThrow(), null);
    }

    @DeleteMapping("/{accountId}")
    @Operation(summary = "Revoke an account's token; it stops working at once")
    ResponseEntity<Void> revoke(@PathVariable String accountId, Actor actor) {
        requireSecretariat(actor);
        Account account = accounts.byId(accountId).orElseThrow(() -> new UnknownReference("account", accountId));
        if (account.kind() == AccountKind.SECRETARIAT && !account.revoked()
                && accounts.activeSecretariatAccounts() <= 1) {
            throw new RuleViolation("last-secretariat-account",
                                    "Account " + accountId + " is the last secretariat account: create another "
                                            + "before revoking it, or nobody could administer the ledger");
        }
        accounts.revoke(accountId);
        return ResponseEntity.noContent().build();
    }

    private void requireSecretariat(Actor actor) {
        if (!actor.secretariat()) {
            throw new NotAllowed("Only the secretariat manages accounts; this token is " + directory.describe(actor));
        }
    }
}
