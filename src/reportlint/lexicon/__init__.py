"""The lexicon: which strings are words, how common they are, and which are fixed expressions.

Rule kinds ask it questions (is 都市 a word? is 国务院办公厅 a known name?) at the few places
where a rule needs an answer; nothing is loaded until the first question. ``words`` holds the
general word list and its compiled file, ``curated`` the official vocabulary shipped here, and
``sounds`` the readings of characters.
"""
