"""Postal (bưu chính công ích): dossiers received and results returned by post, and the post's statements.

Room for the postal capability.
"""
