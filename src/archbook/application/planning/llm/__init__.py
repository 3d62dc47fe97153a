"""The LLM planner: a tool-use loop over a messages transport, the read-only repository
tools the model may call, and the redaction that keeps secrets out of what is sent."""
