package com.swiftlend.scoring;

/** A model version that cannot serve: the message says why, for the uploader (422) and the log. */
public class ModelRejectedException extends RuntimeException {

    public ModelRejectedException(String message) {
        super(message);
    }

    public ModelRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
