"""Package of the contract-chains fixture."""
