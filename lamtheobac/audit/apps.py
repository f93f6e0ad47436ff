from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "lamtheobac.audit"
    label = "audit"
    verbose_name = "Nhật ký thay đổi"
