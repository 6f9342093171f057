package org.consensusledger.command.receipt;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Publishes the key that verifies the command side's receipts (public: a key, not a secret). */
@RestController
@Tag(name = "Receipts")
class ReceiptController {

    private final ReceiptKey key;

    ReceiptController(ReceiptKey key) {
        this.key = key;
    }

    @Operation(summary = "The receipt verifier key",
               description = "The C2SP signed-note verifier key (`<origin>/receipts+<key id>+<base64 key>`) that "
                       + "verifies the `receipt` of every command's answer. docs/audit.md, \"Receipts\".")
    @GetMapping(path = "/api/receipts/vkey", produces = MediaType.TEXT_PLAIN_VALUE)
    String vkey() {
        return key.vkey() + "\n";
    }
}
