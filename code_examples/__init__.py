"""From-scratch NumPy implementations of common ML interview coding questions, embedded in the guide and tested."""
