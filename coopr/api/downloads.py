"""/api/v1/downloads/: the bulk downloads of the whole record, with when each was made, its
size and SHA-256 (the download page's API twin)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from coopr.downloads.building import current
from coopr.downloads.views import described_files


class DownloadFileSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="The file's name.")
    format = serializers.ChoiceField(choices=["datapackage", "jsonl"])
    url = serializers.URLField(help_text="Where to download it (this build's address).")
    size = serializers.IntegerField(help_text="Bytes.")
    sha256 = serializers.CharField(help_text="The file's SHA-256, in hex.")


class LicenseSerializer(serializers.Serializer):
    name = serializers.CharField()
    title = serializers.CharField()
    path = serializers.URLField(required=False)


class DownloadsSerializer(serializers.Serializer):
    ready = serializers.BooleanField(
        help_text="False while a new build is on its way (the record changed): no files then."
    )
    version = serializers.CharField(allow_null=True, help_text="The data's version.")
    built = serializers.DateTimeField(allow_null=True, help_text="When the files were made.")
    licenses = LicenseSerializer(
        many=True, help_text="The data's licence; empty while it is undecided."
    )
    files = DownloadFileSerializer(many=True)


class DownloadsView(APIView):
    """The whole public record in one download: a Frictionless Data Package (CSV) and JSON
    Lines, each with when it was made, its size and SHA-256. While `ready` is false the record
    has just changed and a new build is on its way."""

    permission_classes = [AllowAny]

    @extend_schema(responses=DownloadsSerializer, summary="Bulk downloads of the whole record")
    def get(self, request: Request) -> Response:
        manifest = current()
        data = {
            "ready": manifest is not None,
            "version": manifest["version"] if manifest else None,
            "built": manifest["built"] if manifest else None,
            "licenses": manifest["licenses"] if manifest else [],
            "files": [
                {key: file[key] for key in ("name", "format", "url", "size", "sha256")}
                for file in (described_files(request, manifest) if manifest else [])
            ],
        }
        response = Response(data)
        response["Cache-Control"] = "no-cache"
        return response
