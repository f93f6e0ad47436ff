from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "lamtheobac.documents"
    label = "documents"
    verbose_name = "Văn bản"
