package org.consensusledger.command.web;

import jakarta.servlet.http.HttpServletRequest;
import org.consensusledger.command.receipt.ReceiptIssuer;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Adds the receipt of the request's command ({@link CommandSender#RECEIPT}) to its {@link Recorded} answer, so that
 * no controller has to pass it on.
 */
@ControllerAdvice
class ReceiptAnswers implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
                                  Class<? extends HttpMessageConverter<?>> selectedConverterType,
                                  ServerHttpRequest request, ServerHttpResponse response) {
        if (body instanceof Recorded recorded && request instanceof ServletServerHttpRequest servlet) {
            HttpServletRequest http = servlet.getServletRequest();
            if (http.getAttribute(CommandSender.RECEIPT) instanceof ReceiptIssuer.Issued<?> issued) {
                return recorded.withReceipt(issued.note(), issued.receipt().events().stream()
                        .map(event -> new Recorded.ReceiptEvent(event.position(), event.leafHashBase64()))
                        .toList());
            }
        }
        return body;
    }
}
