"""汇报演示 Presentation: a guided tour of the 2023 results and the 2024 plan for a projector.

Every stop is sent to the browser once; keys (← → PageUp PageDown), a clicker and the ◀ ▶
buttons change the stop there, and the address keeps ``?stop=N``.
"""

from ui.page import setup
from ui.presentation import apply_theme, show_tour

L = setup()
apply_theme()
show_tour(L)
