import logging

log = logging.getLogger("marketplace")
