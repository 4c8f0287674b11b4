"""The PySide6 desktop: the only package that imports Qt.

Screens take the services they show in their constructor and run every service call through
:class:`~fulfillment_app.ui.tasks.TaskRunner`, so that no SQL, HTTP or device I/O ever runs on
the GUI thread.
"""
