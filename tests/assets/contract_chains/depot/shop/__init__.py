"""A shop whose layers a layers contract orders: api, then service | pricing, then store."""
