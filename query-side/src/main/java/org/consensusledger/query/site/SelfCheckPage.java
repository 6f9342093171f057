package org.consensusledger.query.site;

import io.swagger.v3.oas.annotations.Hidden;
import org.consensusledger.query.selfcheck.SelfCheck;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The self-check's findings as a page: whether what the site shows is what the log holds. */
@Controller
@Hidden
class SelfCheckPage {

    private final SelfCheck selfCheck;

    SelfCheckPage(SelfCheck selfCheck) {
        this.selfCheck = selfCheck;
    }

    @GetMapping(value = "/self-check", produces = MediaType.TEXT_HTML_VALUE)
    String selfCheck(Model model) {
        model.addAttribute("report", selfCheck.report());
        return "site/self-check";
    }
}
