"""How often the workbench may paint.

Textual paints at most TEXTUAL_FPS frames a second, and a repaint asked for just after a frame
waits for the next: at the default 60 that is up to 17 ms a pass, and a key that changes several
widgets often takes two. An idle screen paints nothing, so a higher ceiling costs only while
something changes. Textual reads it when it is first imported: `merit` sets it just before.
"""

FRAMES_PER_SECOND = "240"
