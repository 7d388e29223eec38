"""Networks: building a torch module from a spec."""
