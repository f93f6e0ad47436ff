from django.apps import AppConfig


class StructureConfig(AppConfig):
    name = "lamtheobac.structure"
    label = "structure"
    verbose_name = "Cơ cấu tổ chức và lịch sử"
