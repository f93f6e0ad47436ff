from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "lamtheobac.reporting"
    label = "reporting"
    verbose_name = "Đợt báo cáo"
