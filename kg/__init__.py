"""pension-kg: a knowledge graph of China's pension and social-insurance system from news reports."""

__version__ = "0.1.0"
