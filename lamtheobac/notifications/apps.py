from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "lamtheobac.notifications"
    label = "notifications"
    verbose_name = "Thông báo"
