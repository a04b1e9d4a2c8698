"""Pure graph rules for network analytics: plain edge lists in, plain values out (no Django)."""
