package org.consensusledger.web;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

import java.beans.PropertyEditorSupport;

/**
 * Every text a controller takes from the path, the query or a header meets {@link TextRules} before the controller
 * sees it (normalised, or refused with 400 naming the parameter): ids in a path become fields of events too, and a
 * search term is sent to the database.
 */
@ControllerAdvice
class TextParameters {

    @InitBinder
    void texts(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new PropertyEditorSupport() {
            @Override
            public void setAsText(String text) {
                setValue(text == null ? null : TextRules.normalise(text));
            }
        });
    }
}
