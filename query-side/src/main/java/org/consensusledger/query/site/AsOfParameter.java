package org.consensusledger.query.site;

import org.consensusledger.web.InstantWindow;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

import java.beans.PropertyEditorSupport;

/**
 * The site's pages read an instant parameter ({@code asOf}) as a reader writes it ({@link AsOf}), in the reader's
 * time zone; the JSON API's controllers are not advised and keep the exact ISO instant. A refusal becomes the site's
 * 400 page in words ({@link SiteErrors}).
 */
@ControllerAdvice(assignableTypes = SiteController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class AsOfParameter {

    private final AsOf asOf;

    /** The window is the web's ({@code ledger.api.*}); the command-line replay, which has no web, takes the defaults. */
    AsOfParameter(ObjectProvider<InstantWindow> window, MessageSource messages) {
        this.asOf = new AsOf(window.getIfAvailable(InstantWindow::defaults), messages);
    }

    @InitBinder
    void readInstantsAsReadersWriteThem(WebDataBinder binder) {
        binder.registerCustomEditor(java.time.Instant.class, new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                setValue(asOf.parse(text, ReaderZone.current()));
            }
        });
    }
}
