"""Messages API transports: the anthropic SDK, and transcripts recorded from it and
replayed."""
